export * from './conditions.ts';
export * from './prefill.ts';
export * from './tamper.ts';
export * from './validate.ts';
