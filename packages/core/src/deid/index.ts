export * from './detect.js';
export * from './detectors.js';
export * from './dates.js';
export * from './identifiers.js';
export * from './offsets.js';
export * from './validators.js';
export * from './evaluate.js';
export * from './config.js';
