export * from './rolePolicies';
export * from './roleCapabilities';
