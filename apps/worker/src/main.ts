import 'reflect-metadata';

// Filled in by the worker bootstrap (createApplicationContext, no HTTP).
