// The sampler worker as a bundle entry for the Electron build (main/electron/app-service.ts imports it
// with `?modulePath`): the shell reaches the engine only through this layer. Loading it runs the worker.
import '../engine/sampler/sampler-worker.ts';
