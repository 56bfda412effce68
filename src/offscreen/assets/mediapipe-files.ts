/** Where MediaPipe's vision runtime lies in the extension; the build and face-detector.ts share it. */
export const MEDIAPIPE_WASM_DIR = 'mediapipe/wasm';
export const VISION_LOADER = 'vision_wasm_internal.js';
export const VISION_WASM = 'vision_wasm_internal.wasm';
/** The runtime as shipped: VISION_WASM compressed with brotli, unpacked by packed-wasm.ts. */
export const VISION_WASM_PACKED = `${VISION_WASM}.br`;
