import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { XSS_PAYLOADS } from './xss-corpus'

vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ BrowserOpenURL: vi.fn(), EventsOn: vi.fn(() => () => {}) }))

import { BrowserOpenURL } from '../wailsjs/runtime/runtime'
import SafeHtml from '../src/components/SafeHtml.vue'

// Inline handlers and scripts run in jsdom's own global (the page's window), which
// vitest exposes as globalThis.jsdom.window; the test's `window` is a copy of it.
type XssGlobal = { __xss?: unknown }
const pages = (): XssGlobal[] => {
  const jsdomWindow = (globalThis as { jsdom?: { window: XssGlobal } }).jsdom?.window
  return [window as unknown as XssGlobal, ...(jsdomWindow ? [jsdomWindow] : [])]
}
const xss = () => pages().find((g) => g.__xss !== undefined)?.__xss
const resetXss = () => pages().forEach((g) => delete g.__xss)

const EVENTS = ['click', 'dblclick', 'mouseover', 'mouseenter', 'focus', 'blur', 'error', 'load', 'toggle', 'animationstart']

/** Fires every event a payload might hook on every rendered element. */
function poke(root: Element) {
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const type of EVENTS) el.dispatchEvent(new Event(type, { bubbles: false, cancelable: true }))
  }
}

let wrappers: VueWrapper[] = []
function render(html: string) {
  const w = mount(SafeHtml, { props: { html }, attachTo: document.body, global: { plugins: [createPinia()] } })
  wrappers.push(w)
  return w
}

beforeEach(() => {
  setActivePinia(createPinia())
  resetXss()
  vi.mocked(BrowserOpenURL).mockClear()
})
afterEach(() => {
  for (const w of wrappers) w.unmount()
  wrappers = []
  resetXss()
})

describe('SafeHtml', () => {
  it('the harness does detect XSS when HTML is NOT sanitized (control)', () => {
    const Raw = defineComponent({ render: () => h('div', { innerHTML: '<div onclick="window.__xss=1">x</div>' }) })
    const w = mount(Raw, { attachTo: document.body })
    wrappers.push(w)
    poke(w.element)
    expect(xss()).toBe(1)
  })

  it.each(XSS_PAYLOADS)('never executes %s', async (payload) => {
    const w = render(payload)
    await new Promise((r) => setTimeout(r, 0))
    poke(w.element)
    await new Promise((r) => setTimeout(r, 0))
    expect(xss()).toBeUndefined()
    expect(w.element.querySelector('script,img,svg,iframe,style,form,math,object,embed')).toBeNull()
  })

  it('renders normal post HTML', () => {
    const w = render(
      '<p>Hi <span class="h-card"><a href="https://x.example/@bob" class="u-url mention">@<span>bob</span></a></span></p>',
    )
    expect(w.find('p').exists()).toBe(true)
    expect(w.find('a.mention').attributes('href')).toBe('https://x.example/@bob')
    expect(w.text()).toBe('Hi @bob')
  })

  it('opens safe links in the system browser', async () => {
    const w = render('<p><a href="https://ok.example/path">ok</a></p>')
    await w.find('a').trigger('click')
    expect(BrowserOpenURL).toHaveBeenCalledWith('https://ok.example/path')
  })

  it('does not open links whose href was removed', async () => {
    const w = render('<a href="javascript:window.__xss=1">bad</a>')
    await w.find('a').trigger('click')
    expect(BrowserOpenURL).not.toHaveBeenCalled()
    expect(xss()).toBeUndefined()
  })

  it('renders nothing for empty or missing HTML', () => {
    expect(render('').element.innerHTML).toBe('')
    const w = mount(SafeHtml, { props: { html: undefined }, global: { plugins: [createPinia()] } })
    expect(w.element.innerHTML).toBe('')
  })

  it('uses the requested wrapper tag', () => {
    const w = mount(SafeHtml, { props: { html: 'x', tag: 'span' }, global: { plugins: [createPinia()] } })
    expect(w.element.tagName).toBe('SPAN')
  })
})
