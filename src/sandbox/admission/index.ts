/** Static admission of plugin components: size, format, imports, exports. */
export { admitComponent, type AdmissionResult, type AdmissionSizes } from './admit.js';
export { admissionLimits, DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from './limits.js';
export { HOST_INTERFACE, TOOLS_INTERFACE, WIT_PACKAGE } from './interfaces.js';
export { readComponentSurface, type ComponentSurface, type ExternItem, type ExternKind } from './sections.js';
export { MalformedBinary } from './reader.js';
