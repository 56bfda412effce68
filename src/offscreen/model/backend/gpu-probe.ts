/**
 * Tells whether the GPU backends would run on a real GPU. Software renderers
 * (SwiftShader, llvmpipe, a WebGPU fallback adapter) run shaders on the CPU and are far
 * slower than tfjs-wasm: measured here, 430 ms against 21 ms per frame. 'none' means the
 * backend cannot run at all, so its code need not even be loaded; 'unknown' (the probe
 * itself failed) leaves the backend to be tried in its place.
 */
export type GpuKind = 'hardware' | 'software' | 'none' | 'unknown';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function webglKind(): GpuKind {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE.test(renderer) ? 'software' : 'hardware';
  } catch {
    return 'unknown';
  }
}

export async function webgpuKind(): Promise<GpuKind> {
  try {
    const gpu = (
      navigator as unknown as {
        gpu?: { requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string } } | null> };
      }
    ).gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return 'none';
    const info = adapter.info ?? {};
    return adapter.isFallbackAdapter || SOFTWARE.test(`${info.vendor} ${info.architecture} ${info.description}`) ? 'software' : 'hardware';
  } catch {
    return 'unknown';
  }
}
