import shared from '../../eslint.config.js';

// ui-dist/ is the bundled UI (minified output of scripts/build-ui.mjs), not source.
export default [{ ignores: ['ui-dist/**'] }, ...shared];
