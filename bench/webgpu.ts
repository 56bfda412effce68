/**
 * Whether this machine has a real WebGPU adapter. SwiftShader's software WebGPU only proves
 * a code path works; its timings say nothing about any user's machine, so it is not timed.
 */
import puppeteer from 'puppeteer-core';
import { chromiumPath } from '../tools/browser';

export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'];

export async function webgpuAdapter(origin: string): Promise<{ hardware: boolean; description: string }> {
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: ['--no-sandbox', ...WEBGPU_ARGS] });
  try {
    const page = await browser.newPage();
    // Loopback http is a secure context, which navigator.gpu needs.
    await page.goto(`${origin}/probe.html`);
    return await page.evaluate(async () => {
      type Adapter = { info?: Record<string, string>; isFallbackAdapter?: boolean };
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
      if (!gpu) return { hardware: false, description: 'no navigator.gpu' };
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return { hardware: false, description: 'no adapter' };
      const info = adapter.info ?? {};
      const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unnamed adapter';
      const software = adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|software/i.test(description);
      return { hardware: !software, description };
    });
  } finally {
    await browser.close();
  }
}
