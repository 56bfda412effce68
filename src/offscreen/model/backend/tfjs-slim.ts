/**
 * `@tensorflow/tfjs` as the extension bundles it (vite.config.ts points that import here): the
 * core ops with their gradients (Grad-CAM) and tensor methods, graph-model loading (the TF.js
 * face detector), and the CPU backend, all of which the full package registers too.
 * Its layers and data APIs are left out: nothing here builds Keras models or input pipelines,
 * and they were a quarter of the offscreen bundle. WebGL, WebGPU and wasm load on demand
 * (backend.ts), so a machine that runs on one never holds the others' code in memory.
 * Node (npm run eval, the bench) keeps the full package: tfjs-core's ESM files below are for
 * bundlers only.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export { GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';
