import { test, expect } from '@ndli/ralph/spec';
import {
  FIELDS,
  NO_ERRORS,
  VALID,
  enter,
  expectError,
  expectErrors,
  expectErrorsFor,
  expectSuccess,
  fillForm,
  input,
  leave,
  setTerms,
  submit,
  touch,
  type,
  useFakeClock,
  letTimePass,
} from './signup-form.js';

const USERNAME_LENGTH = 'Username must be 3-20 characters';
const USERNAME_CHARACTERS = 'Username may only contain letters, digits and underscores';
const EMAIL_INVALID = 'Enter a valid email address';
const PASSWORD_LENGTH = 'Password must be at least 8 characters';
const PASSWORD_CHARACTERS = 'Password must contain a lowercase letter, an uppercase letter and a digit';
const AGE_WHOLE = 'Age must be a whole number';
const AGE_MIN = 'You must be at least 13';
const AGE_MAX = 'Age must be at most 120';
const ALL_REQUIRED = {
  username: 'Username is required',
  email: 'Email is required',
  password: 'Password is required',
  'confirm-password': 'Please confirm your password',
  age: 'Age is required',
  terms: 'You must accept the terms',
};

test.describe('Rule 1: username', () => {
  test('an empty or whitespace-only username is required', async ({ app }) => {
    await expectErrorsFor(app, 'username', [['', 'Username is required'], ['   ', 'Username is required']], 'rule 1.1: the trimmed username must not be empty');
  });

  test('usernames of 3 and of 20 allowed characters are valid', async ({ app }) => {
    await expectErrorsFor(app, 'username', [['abc', ''], ['Alice_99', ''], ['abcdefghij0123456789', '']], 'rule 1: 3-20 letters, digits or underscores are valid');
  });

  test('usernames shorter than 3 or longer than 20 characters are rejected', async ({ app }) => {
    await expectErrorsFor(app, 'username', [['ab', USERNAME_LENGTH], ['abcdefghij0123456789x', USERNAME_LENGTH], ['  ab  ', USERNAME_LENGTH]], 'rule 1.2: the trimmed username must have 3-20 characters');
  });

  test('characters other than ASCII letters, digits and underscores are rejected', async ({ app }) => {
    await expectErrorsFor(app, 'username', [['john doe', USERNAME_CHARACTERS], ['jöhn', USERNAME_CHARACTERS], ['alice!', USERNAME_CHARACTERS], ['bob-1', USERNAME_CHARACTERS]], 'rule 1.3: only A-Z, a-z, 0-9 and _ are allowed');
  });

  test('the length check comes before the character check', async ({ app }) => {
    await expectErrorsFor(app, 'username', [['a!', USERNAME_LENGTH]], 'rule 1: the first failing check gives the message, and length (1.2) comes before characters (1.3)');
  });

  test('surrounding spaces are trimmed before checking', { tag: '@held-out' }, async ({ app }) => {
    await expectErrorsFor(app, 'username', [['  alice  ', '']], 'rule 1: the username is trimmed, so "  alice  " is the valid "alice"');
  });
});

test.describe('Rule 2: email', () => {
  test('an empty or whitespace-only email is required', async ({ app }) => {
    await expectErrorsFor(app, 'email', [['', 'Email is required'], ['  ', 'Email is required']], 'rule 2.1: the trimmed email must not be empty');
  });

  test('well-formed addresses are valid, surrounding spaces trimmed', async ({ app }) => {
    await expectErrorsFor(app, 'email', [['a@b.co', ''], ['first.last+tag@mail.example.org', ''], ['  bob@example.com  ', '']], 'rule 2.2: these match /^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$/ after trimming');
  });

  test('addresses missing a part are rejected', async ({ app }) => {
    await expectErrorsFor(app, 'email', [['alice', EMAIL_INVALID], ['a@b', EMAIL_INVALID], ['@b.co', EMAIL_INVALID], ['a@.b.co', EMAIL_INVALID], ['a@b.co.', EMAIL_INVALID]], 'rule 2.2: an address needs a local part, an @ and at least two non-empty domain labels');
  });

  test('addresses with a doubled @, inner space or empty domain label are rejected', { tag: '@held-out' }, async ({ app }) => {
    await expectErrorsFor(app, 'email', [['a@@b.co', EMAIL_INVALID], ['a b@c.de', EMAIL_INVALID], ['a@b..co', EMAIL_INVALID]], 'rule 2.2: one @, no whitespace, domain labels separated by single dots');
  });

  test('whitespace or a second @ after the @ is rejected', async ({ app }) => {
    await expectErrorsFor(app, 'email', [['bob@exa mple.com', EMAIL_INVALID], ['bob@example.c om', EMAIL_INVALID], ['bob@example.com@x.org', EMAIL_INVALID]], 'rule 2.2: the domain labels after the @ contain no whitespace and no @');
  });
});

test.describe('Rule 3: password', () => {
  test('an empty password is required', async ({ app }) => {
    await expectErrorsFor(app, 'password', [['', 'Password is required']], 'rule 3.1');
  });

  test('8 characters are enough and 7 are too few', async ({ app }) => {
    await expectErrorsFor(app, 'password', [['Passw0r', PASSWORD_LENGTH], ['Passw0rd', '']], 'rule 3.2: at least 8 characters');
  });

  test('a password lacking an uppercase letter, a lowercase letter or a digit is rejected', async ({ app }) => {
    await expectErrorsFor(app, 'password', [['password1', PASSWORD_CHARACTERS], ['PASSWORD1', PASSWORD_CHARACTERS], ['Password', PASSWORD_CHARACTERS]], 'rule 3.3: needs a-z, A-Z and 0-9');
  });

  test('the password is not trimmed: spaces count as characters', async ({ app }) => {
    await expectErrorsFor(app, 'password', [['Pass1   ', ''], ['        ', PASSWORD_CHARACTERS], ['   ', PASSWORD_LENGTH]], 'rule 3: the password is NOT trimmed, spaces are characters');
  });
});

test.describe('Rule 4: confirm password', () => {
  test('an empty confirmation is required', async ({ app }) => {
    await type(app, 'password', 'Passw0rd');
    await touch(app, 'confirm-password');
    await expectError(app, 'confirm-password', 'Please confirm your password', 'After password "Passw0rd", focusing the empty confirm-password and leaving it (rule 4.1)');
  });

  test('an exactly equal confirmation is valid', async ({ app }) => {
    await type(app, 'password', 'Passw0rd');
    await enter(app, 'confirm-password', 'Passw0rd');
    await expectError(app, 'confirm-password', '', 'After password "Passw0rd" and confirm-password "Passw0rd" (rule 4.2: equal values match)');
  });

  test('a confirmation differing in case or by a trailing space does not match', { tag: '@held-out' }, async ({ app }) => {
    await type(app, 'password', 'Passw0rd');
    await expectErrorsFor(app, 'confirm-password', [['passw0rd', 'Passwords do not match'], ['Passw0rd ', 'Passwords do not match']], 'password is "Passw0rd"; rule 4.2: the comparison is exact, case-sensitive and not trimmed');
  });

  test('a confirmation of spaces only is not empty but does not match', async ({ app }) => {
    await type(app, 'password', 'Passw0rd');
    await expectErrorsFor(app, 'confirm-password', [['   ', 'Passwords do not match']], 'password is "Passw0rd"; rule 4: the confirmation is NOT trimmed, so "   " is not empty (4.1) but differs from the password (4.2)');
  });
});

test.describe('Rule 5: age', () => {
  test('an empty age is required', async ({ app }) => {
    await expectErrorsFor(app, 'age', [['', 'Age is required'], ['  ', 'Age is required']], 'rule 5.1: the trimmed age must not be empty');
  });

  test('13 and 120 are accepted, as are surrounding spaces and leading zeros', async ({ app }) => {
    await expectErrorsFor(app, 'age', [['13', ''], ['120', ''], [' 30 ', ''], ['013', '']], 'rule 5: whole numbers from 13 to 120 are valid, trimmed, "013" is 13');
  });

  test('12 and 0 are too young', { tag: '@held-out' }, async ({ app }) => {
    await expectErrorsFor(app, 'age', [['12', AGE_MIN], ['0', AGE_MIN]], 'rule 5.3: below 13');
  });

  test('121 is too old', async ({ app }) => {
    await expectErrorsFor(app, 'age', [['121', AGE_MAX]], 'rule 5.4: above 120');
  });

  test('anything but digits is not a whole number', async ({ app }) => {
    await expectErrorsFor(app, 'age', [['12.5', AGE_WHOLE], ['abc', AGE_WHOLE], ['-5', AGE_WHOLE], ['1e2', AGE_WHOLE], ['3 0', AGE_WHOLE]], 'rule 5.2: only the digits 0-9 after trimming');
  });

  test('a plus sign or a decimal point makes an in-range age not a whole number', async ({ app }) => {
    await expectErrorsFor(app, 'age', [['+20', AGE_WHOLE], ['30.0', AGE_WHOLE], ['+013', AGE_WHOLE]], 'rule 5.2 and the clarifications: leading + or - signs and decimal points make an age not a whole number, even when its value is 13-120');
  });
});

test.describe('Rule 6: terms', () => {
  test('an unchecked terms box is an error, and checking it clears the error at once', async ({ app }) => {
    await fillForm(app, { terms: false });
    await submit(app);
    await expectError(app, 'terms', 'You must accept the terms', 'After filling every field validly but leaving #terms unchecked and clicking #submit (rule 6)');
    await setTerms(app, true);
    await expectError(app, 'terms', '', 'After that failed submit, checking #terms (rule 8: a touched field is re-checked on every change)');
  });

  test('unchecking the terms box after checking it shows the error', { tag: '@held-out' }, async ({ app }) => {
    await setTerms(app, true);
    await setTerms(app, false);
    await expectError(app, 'terms', 'You must accept the terms', 'After checking and then unchecking #terms (rule 7: toggling touches the checkbox; rule 6)');
  });

  test('toggling the terms box shows its error without leaving it', async ({ app }) => {
    await setTerms(app, true);
    app.record('press Space on #terms (unchecks it; focus stays)');
    await input(app, 'terms').press('Space');
    await expect(input(app, 'terms'), 'After checking #terms and pressing Space on it, #terms must be unchecked').not.toBeChecked();
    await expect(input(app, 'terms'), 'After pressing Space on #terms, #terms must keep its focus').toBeFocused();
    await expectError(app, 'terms', 'You must accept the terms', 'After checking #terms, then unchecking it with Space without leaving it (rule 7: toggling the checkbox touches it, no blur needed)');
  });

  test('leaving the terms box without toggling it shows the error', async ({ app }) => {
    await touch(app, 'terms');
    await expectErrors(app, { ...NO_ERRORS, terms: 'You must accept the terms' }, 'After focusing the unchecked #terms and leaving it without toggling it (rule 7: the checkbox, like every field, is touched when it loses focus)');
  });
});

test.describe('Rule 7: errors appear only for touched fields', () => {
  test('no error is shown on load', async ({ app }) => {
    await expectErrors(app, NO_ERRORS, 'On load, before any interaction, all six error elements must be empty (rule 7)');
    await expectSuccess(app, '', 'On load');
  });

  test('typing an invalid value shows no error until the field loses focus', async ({ app }) => {
    await type(app, 'username', 'ab');
    await expect(input(app, 'username'), 'After typing "ab" into #username (still focused), #username must keep its focus').toBeFocused();
    await expectError(app, 'username', '', 'After typing "ab" into the untouched #username without leaving it (rule 7: untouched fields show no error)');
    await leave(app, 'username');
    await expectError(app, 'username', USERNAME_LENGTH, 'After typing "ab" into #username and then leaving it (rule 7: leaving a field touches it)');
  });

  test('leaving an empty field without typing shows its required error', async ({ app }) => {
    await touch(app, 'username');
    await expectError(app, 'username', 'Username is required', 'After focusing the empty #username and leaving it without typing (rule 7: blur touches a field even if nothing was typed)');
  });

  test("touching one field does not show other fields' errors", async ({ app }) => {
    await touch(app, 'email');
    await type(app, 'password', 'x');
    await expectErrors(app, { ...NO_ERRORS, email: 'Email is required' }, 'After focusing and leaving the empty #email, then typing "x" into #password (still focused): only email may show an error (rule 7)');
  });

  test('changing the password does not show the error of an untouched confirmation', { tag: '@held-out' }, async ({ app }) => {
    await enter(app, 'password', 'Passw0rd');
    await expectError(app, 'confirm-password', '', 'After entering password "Passw0rd" while confirm-password was never touched (rule 7)');
  });
});

test.describe('Rule 8: touched fields are re-checked live', () => {
  test('fixing a touched field clears its error without leaving it', async ({ app }) => {
    await enter(app, 'email', 'bob@');
    await expectError(app, 'email', EMAIL_INVALID, 'After entering email "bob@" and leaving the field (rule 2.2)');
    await type(app, 'email', 'bob@example.com');
    await expectError(app, 'email', '', 'After then typing "bob@example.com" into the touched #email, still focused (rule 8: the error clears at once)');
  });

  test('breaking a touched field shows its error without leaving it', { tag: '@held-out' }, async ({ app }) => {
    await enter(app, 'age', '30');
    await type(app, 'age', '12');
    await expectError(app, 'age', AGE_MIN, 'After entering age "30", leaving it, then typing "12" into the touched #age, still focused (rule 8: the error appears at once)');
  });

  test('the confirmation is re-checked when the password changes', async ({ app }) => {
    await enter(app, 'password', 'Passw0rd');
    await enter(app, 'confirm-password', 'Passw0rd');
    await type(app, 'password', 'Passw0rd1');
    await expectError(app, 'confirm-password', 'Passwords do not match', 'After entering "Passw0rd" in both password fields, then changing password to "Passw0rd1" (rule 8: confirm is re-checked when the password changes)');
    await type(app, 'password', 'Passw0rd');
    await expectError(app, 'confirm-password', '', 'After then changing password back to "Passw0rd" (rule 8: the mismatch error clears at once)');
  });
});

test.describe('Rule 9: submit', () => {
  test('submitting the untouched form shows every required error', async ({ app }) => {
    await submit(app);
    await expectErrors(app, ALL_REQUIRED, 'After clicking #submit on the untouched empty form (rule 9: every field error is shown)');
    await expectSuccess(app, '', 'After submitting the empty form (rule 9: no success on an invalid submit)');
  });

  test('focus moves to the first invalid field', async ({ app }) => {
    await submit(app);
    await expect(input(app, 'username'), 'After clicking #submit on the empty form, #username (first invalid field) must be focused (rule 9)').toBeFocused();
  });

  test('focus skips valid fields to reach the first invalid one', { tag: '@held-out' }, async ({ app }) => {
    await fillForm(app, { email: 'bob@', age: '12' });
    await submit(app);
    await expect(input(app, 'email'), 'After filling the form with email "bob@" and age "12" (others valid) and clicking #submit, #email must be focused (rule 9: first invalid field in contract order)').toBeFocused();
    await expectErrors(app, { ...NO_ERRORS, email: EMAIL_INVALID, age: AGE_MIN }, 'After that submit, exactly the email and age errors must be shown (rule 9)');
  });

  test('an invalid submit keeps every value', async ({ app }) => {
    await fillForm(app, { username: '  bob  ', age: '12' });
    await submit(app);
    await expectError(app, 'age', AGE_MIN, 'After filling the form with username "  bob  " and age "12" and clicking #submit (rule 5.3)');
    const kept = 'After an invalid submit every value must be kept exactly as typed (rule 9; clarification: values are never trimmed in the field)';
    await expect(input(app, 'username'), kept).toHaveValue('  bob  ');
    await expect(input(app, 'email'), kept).toHaveValue(VALID.email);
    await expect(input(app, 'password'), kept).toHaveValue(VALID.password);
    await expect(input(app, 'confirm-password'), kept).toHaveValue(VALID['confirm-password']);
    await expect(input(app, 'age'), kept).toHaveValue('12');
    await expect(input(app, 'terms'), kept).toBeChecked();
    await expectSuccess(app, '', 'After an invalid submit (rule 9)');
  });

  test('the submit button is enabled whatever the form holds', async ({ app }) => {
    const submitButton = app.page.locator('#submit');
    await expect(submitButton, 'On load #submit must be enabled (contract: always enabled)').toBeEnabled();
    await enter(app, 'username', 'a!');
    await expect(submitButton, 'After entering the invalid username "a!", #submit must still be enabled (contract: always enabled)').toBeEnabled();
  });

  test('pressing Enter in a text field submits the form', async ({ app }) => {
    await fillForm(app);
    app.record('press Enter in #age');
    await input(app, 'age').press('Enter');
    await expectSuccess(app, 'Welcome, alice!', 'After filling the form validly and pressing Enter in #age (rule 9: Enter in a text field submits)');
  });
});

test.describe('Rule 10: success and reset', () => {
  test('a valid submit greets the user by name', async ({ app }) => {
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After filling every field validly (username "alice") and clicking #submit (rule 9)');
  });

  test('the greeting uses the trimmed username', async ({ app }) => {
    await fillForm(app, { username: '  bob_1  ' });
    await submit(app);
    await expectSuccess(app, 'Welcome, bob_1!', 'After a valid submit with username "  bob_1  " (rule 9: the trimmed username)');
  });

  test('a valid submit empties every field and shows no error', async ({ app }) => {
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit');
    const reset = 'After a valid submit every text field must be empty (rule 10: the form is reset)';
    for (const field of FIELDS) {
      if (field === 'terms') await expect(input(app, field), 'After a valid submit #terms must be unchecked (rule 10)').not.toBeChecked();
      else await expect(input(app, field), `${reset}: #${field}`).toHaveValue('');
    }
    await expectErrors(app, NO_ERRORS, 'After a valid submit no error may be shown although every field is now empty (rule 10: fields are untouched again)');
  });

  test('after a valid submit the fields are untouched again', async ({ app }) => {
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit');
    await expect(input(app, 'username'), 'After a valid submit #username must be empty (rule 10)').toHaveValue('');
    await type(app, 'username', 'ab');
    await expectError(app, 'username', '', 'After a valid submit, typing "ab" into #username without leaving it (rule 10: untouched again, so no error yet)');
    await leave(app, 'username');
    await expectError(app, 'username', USERNAME_LENGTH, 'After then leaving #username (rule 7)');
    await expectSuccess(app, 'Welcome, alice!', 'Typing after a valid submit must not remove the greeting (rule 10: it stays until the next submit)');
  });

  test('an invalid submit after a success empties the success message', async ({ app }) => {
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit');
    await submit(app);
    await expectSuccess(app, '', 'After a valid submit followed by a submit of the now empty form (rule 10: an invalid submit empties #success)');
    await expectErrors(app, ALL_REQUIRED, 'After submitting the reset, empty form (rule 9)');
  });

  test('a second valid submit replaces the greeting', { tag: '@held-out' }, async ({ app }) => {
    // Two submits of a filled form: on a loaded 2-core machine that can outlast the 5 s default timeout.
    test.slow();
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit as "alice"');
    await expect(input(app, 'username'), 'After a valid submit #username must be empty (rule 10)').toHaveValue('');
    await fillForm(app, { username: 'bob' });
    await submit(app);
    await expectSuccess(app, 'Welcome, bob!', 'After a valid submit as "alice", then a valid submit as "bob" (rule 10)');
  });
});

test.describe('Clarifications', () => {
  test('leaving a field keeps its value exactly as typed', async ({ app }) => {
    await enter(app, 'username', '  alice  ');
    // No spaces around the email: an <input type="email"> (allowed) has them stripped by the browser itself.
    await enter(app, 'email', 'Bob@Example.COM');
    await enter(app, 'age', ' 030 ');
    await expectErrors(app, NO_ERRORS, 'After entering username "  alice  ", email "Bob@Example.COM" and age " 030 " (each valid once trimmed) and leaving each field');
    const kept = 'Leaving a field must not change its value: trimming is for checking only (clarification: values are never changed by the app)';
    await expect(input(app, 'username'), kept).toHaveValue('  alice  ');
    await expect(input(app, 'email'), kept).toHaveValue('Bob@Example.COM');
    await expect(input(app, 'age'), kept).toHaveValue(' 030 ');
  });

  test('errors update without waiting for a timer', async ({ app }) => {
    await useFakeClock(app);
    await enter(app, 'email', 'bob@');
    await letTimePass(app, 50);
    await expectError(app, 'email', EMAIL_INVALID, 'With time paused, after entering email "bob@", leaving the field and letting 50 ms pass (rule 7)');
    await type(app, 'email', 'bob@example.com');
    await letTimePass(app, 50);
    await expectError(app, 'email', '', 'With time paused, after then typing "bob@example.com" into the touched #email and letting only 50 ms pass (clarification: errors update in the event handlers, no debounce, no timers)');
    await type(app, 'email', 'bob@example');
    await letTimePass(app, 50);
    await expectError(app, 'email', EMAIL_INVALID, 'With time paused, after then typing "bob@example" and letting only 50 ms pass (clarification: no debounce, no timers)');
  });

  test('the page opens no dialog and stores nothing', async ({ app }) => {
    // Two submits of a filled form: on a loaded 2-core machine that can outlast the 5 s default timeout.
    test.slow();
    await submit(app);
    await expectErrors(app, ALL_REQUIRED, 'After clicking #submit on the empty form');
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit');
    expect(app.diagnostics.dialogs, 'An invalid and a valid submit must open no alert, confirm or prompt dialog (clarification)').toEqual([]);
    const stored = await app.page.evaluate(() => ({ localStorage: localStorage.length, sessionStorage: sessionStorage.length, cookie: document.cookie }));
    expect(stored, 'After an invalid and a valid submit nothing may be stored: no localStorage or sessionStorage entry, no cookie (clarification)').toEqual({ localStorage: 0, sessionStorage: 0, cookie: '' });
  });
});

test.describe('Self-contained file', () => {
  test('the page makes no network requests and raises no errors', async ({ app }) => {
    await fillForm(app);
    await submit(app);
    await expectSuccess(app, 'Welcome, alice!', 'After a valid submit');
    expect(app.diagnostics.blockedRequests, 'The page must not request any URL, also not on submit: everything is inline and nothing is sent').toEqual([]);
    expect(app.diagnostics.pageErrors, 'Filling and submitting the form must raise no uncaught JavaScript errors').toEqual([]);
  });
});
