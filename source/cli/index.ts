// What the command line needs besides the session: exit statuses, the one exit path,
// stdout for scripts, and whether colour is wanted.
export { colourWanted } from './colour.js';
export { EXIT, exitStatusHelp, signalNumbers, type HandledSignal } from './exit-status.js';
export { Lifecycle } from './lifecycle.js';
export { StdoutSink, type SinkFailure } from './stdout-sink.js';
export { relaunch, SCREEN_NODE_OPTIONS, wantsRelaunch } from './relaunch.js';
