export * from './render-digest';
