// jsdom lacks a few browser APIs that Naive UI and vueuc use.
import { vi } from 'vitest'

class FakeResizeObserver {
  private cb: ResizeObserverCallback
  constructor(cb: ResizeObserverCallback) {
    this.cb = cb
  }
  observe(target: Element) {
    // Report a visible box so virtual lists render their rows.
    const entry = {
      target,
      contentRect: { width: 1000, height: 480, top: 0, left: 0, bottom: 480, right: 1000, x: 0, y: 0 },
      borderBoxSize: [{ inlineSize: 1000, blockSize: 480 }],
      contentBoxSize: [{ inlineSize: 1000, blockSize: 480 }],
      devicePixelContentBoxSize: [],
    } as unknown as ResizeObserverEntry
    queueMicrotask(() => this.cb([entry], this as unknown as ResizeObserver))
  }
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', FakeResizeObserver)

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  })
}
