/**
 * Tells whether the GPU backends would run on a real GPU. Software renderers
 * (SwiftShader, llvmpipe, a WebGPU fallback adapter) run shaders on the CPU and are far
 * slower than tfjs-wasm: measured here, 430 ms against 21 ms per frame.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function webglIsSoftware(): boolean {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return SOFTWARE.test(renderer);
  } catch {
    return false;
  }
}

export async function webgpuIsSoftware(): Promise<boolean> {
  try {
    const gpu = (
      navigator as unknown as {
        gpu?: { requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string } } | null> };
      }
    ).gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return false;
    const info = adapter.info ?? {};
    return Boolean(adapter.isFallbackAdapter) || SOFTWARE.test(`${info.vendor} ${info.architecture} ${info.description}`);
  } catch {
    return false;
  }
}
