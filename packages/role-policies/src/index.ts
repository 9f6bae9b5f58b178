export * from './rolePolicies.js';
export * from './roleCapabilities.js';
