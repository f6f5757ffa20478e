/**
 * Where the page keeps its probe of pending work: `window[PAGE_ACTIVITY_GLOBAL]()` is true when nothing the page
 * scheduled can still change it (see pageActivityScript). Spec code passes the name into `page.evaluate`.
 */
export const PAGE_ACTIVITY_GLOBAL = '__ndliNothingScheduled';

/**
 * An init script (runs before the app's own scripts in every document) that keeps count of the work a page has
 * scheduled: timeouts not yet run, intervals not cleared, animation-frame and idle callbacks not yet run, fetches and
 * XHRs in flight, and CSS animations or transitions running. Its probe answers "could anything still change this page
 * without new input?": a display that shows a wrong text while nothing is scheduled is final, so a check need not
 * wait out a quiet period to say so (the calculator's display check; a failing app's checks took ~0.3 s each).
 *
 * Conservative where it cannot count: a page that started a Web Worker (whose answers may come at any time) is never
 * idle, nor is one with an animation running (an endless one included). Messages, promises and observers run within
 * the frames a check waits first. Timers of Playwright's clock are not counted: they fire only when the test moves it.
 */
export function pageActivityScript(): string {
  return `(() => {
  const timers = new Set();
  const frames = new Set();
  const idleCallbacks = new Set();
  let requests = 0;
  let startedWorker = false;
  // Each callback is counted from its request until it runs or is cancelled. A timer's code string becomes a function
  // that runs it; any other handler that is not a function goes to the browser untouched, which refuses it as usual.
  const trackCallbacks = (request, cancel, pending, asFunction) => {
    const nativeRequest = window[request];
    const nativeCancel = window[cancel];
    if (typeof nativeRequest !== 'function' || typeof nativeCancel !== 'function') return;
    window[request] = function (handler, ...rest) {
      const callback = asFunction ? asFunction(handler) : handler;
      if (typeof callback !== 'function') return nativeRequest.call(window, handler, ...rest);
      const id = nativeRequest.call(window, function (...values) {
        pending.delete(id);
        return callback.apply(this, values);
      }, ...rest);
      pending.add(id);
      return id;
    };
    window[cancel] = function (id) {
      pending.delete(id);
      return nativeCancel.call(window, id);
    };
  };
  const timerFunction = (handler) => (typeof handler === 'function' ? handler : () => (0, eval)(String(handler)));
  trackCallbacks('setTimeout', 'clearTimeout', timers, timerFunction);
  // An interval stays counted until cleared. Timeouts and intervals share their ids, so either clear function clears
  // either kind (clearTimeout's wrapper above forgets an interval too).
  const nativeSetInterval = window.setInterval;
  const nativeClearInterval = window.clearInterval;
  window.setInterval = function setInterval(handler, delay, ...args) {
    const id = nativeSetInterval.call(window, timerFunction(handler), delay, ...args);
    timers.add(id);
    return id;
  };
  window.clearInterval = function clearInterval(id) {
    timers.delete(id);
    return nativeClearInterval.call(window, id);
  };
  trackCallbacks('requestAnimationFrame', 'cancelAnimationFrame', frames);
  trackCallbacks('requestIdleCallback', 'cancelIdleCallback', idleCallbacks);
  const nativeFetch = window.fetch;
  if (typeof nativeFetch === 'function') {
    window.fetch = function fetch(...args) {
      requests += 1;
      let answer;
      try {
        answer = nativeFetch.apply(this, args);
      } catch (error) {
        requests -= 1;
        throw error;
      }
      answer.then(() => { requests -= 1; }, () => { requests -= 1; });
      return answer;
    };
  }
  // An XHR is in flight from send() until it is done (or aborted, which leaves it unsent): read off its state when
  // asked, so the answer holds even inside the app's own loadend listener.
  const requestsSent = new Set();
  const nativeSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function send(...args) {
    requestsSent.add(this);
    return nativeSend.apply(this, args);
  };
  const requestInFlight = () => {
    for (const request of requestsSent) if (request.readyState === XMLHttpRequest.DONE || request.readyState === XMLHttpRequest.UNSENT) requestsSent.delete(request);
    return requestsSent.size > 0;
  };
  for (const name of ['Worker', 'SharedWorker']) {
    const NativeWorker = window[name];
    if (typeof NativeWorker !== 'function') continue;
    window[name] = new Proxy(NativeWorker, {
      construct(target, args, newTarget) {
        startedWorker = true;
        return Reflect.construct(target, args, newTarget);
      },
    });
  }
  const animating = () => typeof document.getAnimations === 'function' && document.getAnimations().some((animation) => animation.playState === 'running');
  Object.defineProperty(window, ${JSON.stringify(PAGE_ACTIVITY_GLOBAL)}, {
    value: () => timers.size === 0 && frames.size === 0 && idleCallbacks.size === 0 && requests === 0 && !requestInFlight() && !startedWorker && !animating(),
  });
})();`;
}
