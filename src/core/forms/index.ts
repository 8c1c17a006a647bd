/**
 * The e-form engine, shared by the browser and the server (pure, no I/O). See docs/forms.md.
 */
export * from './bindings.ts';
export * from './conditions.ts';
export * from './definition.ts';
export * from './messages.ts';
export * from './pages.ts';
export * from './paths.ts';
export * from './prefill.ts';
export * from './roles.ts';
export * from './runtime.ts';
export * from './sha256.ts';
export * from './tamper.ts';
export * from './validate.ts';
export * from './values.ts';
