// What Ink takes from es-toolkit/compat, without the rest of it (see ink-hooks.ts).
export { default as throttle } from 'es-toolkit/compat/throttle';
