export * from './language-model.js';
export * from './errors.js';
export { extractJsonText, formatSchemaIssues, parseModelOutput } from './parse-output.js';
