// Guards the frontend's two structural rules with a scan of the sources.
import { describe, expect, it } from 'vitest'

const sources = import.meta.glob('../src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>

describe('architecture', () => {
  it('finds the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5)
  })

  it('only Pinia stores import the Wails bindings', () => {
    const offenders = Object.entries(sources)
      .filter(([path, src]) => !path.startsWith('../src/stores/') && /from\s+['"][./]*wailsjs\//.test(src))
      .map(([path]) => path)
    expect(offenders).toEqual([])
  })

  it('only SafeHtml (with sanitize.ts) uses v-html / innerHTML', () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !['../src/components/SafeHtml.vue', '../src/sanitize.ts'].includes(path))
      .filter(([, src]) => /v-html|innerHTML|outerHTML|insertAdjacentHTML/.test(src))
      .map(([path]) => path)
    expect(offenders).toEqual([])
  })

  it('the production page ships a strict CSP and no inline script', async () => {
    const html = (await import('../index.html?raw')).default as string
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    )
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []
    for (const s of scripts) expect(s).toMatch(/<script\b[^>]*\bsrc=[^>]*><\/script>/)
  })
})
