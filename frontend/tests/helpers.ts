import { defineComponent, h, type Component } from 'vue'
import { NConfigProvider, NDialogProvider, NMessageProvider } from 'naive-ui'
import { createAppI18n, type AppLocale } from '../src/i18n'

/** Wraps a component in the providers App.vue gives it; props (if any) are read on every render. */
export function withProviders(inner: Component, props: () => Record<string, unknown> = () => ({})) {
  return defineComponent({
    name: 'TestProviders',
    setup() {
      return () =>
        h(NConfigProvider, null, () =>
          h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(inner, props()))),
        )
    },
  })
}

/** The first element matching a selector anywhere in the document (modals and drawers teleport to body). */
export function $(selector: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(selector)
}

/** Types into an <input> or <textarea> the way a user does. */
export function typeInto(selector: string, value: string): void {
  const el = document.querySelector<HTMLInputElement>(selector)
  if (!el) throw new Error(`no element ${selector}`)
  el.value = value
  el.dispatchEvent(new Event('input', { bubbles: true }))
  el.dispatchEvent(new Event('change', { bubbles: true }))
}

/** Clicks an element found anywhere in the document. */
export function click(selector: string): void {
  const el = document.querySelector<HTMLElement>(selector)
  if (!el) throw new Error(`no element ${selector}`)
  el.click()
}

export function testI18n(locale: AppLocale = 'en') {
  return createAppI18n(locale)
}

export interface Deferred<T> {
  promise: Promise<T>
  resolve: (v: T) => void
  reject: (e: unknown) => void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets pending promises and Vue's scheduler run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0))
}

export function server(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 's1',
    name: 'City of Example',
    domain: 'social.example.org',
    url: 'https://social.example.org',
    software: 'mastodon',
    version: '4.3.2',
    hosting: 'self',
    provider: '',
    openReports: 3,
    state: 'idle',
    errorKind: '',
    errorDetail: '',
    lastSync: new Date(Date.now() - 2 * 60_000).toISOString(),
    account: 'admin',
    roleName: 'Admin',
    contractRef: '',
    permissions: ['manage_reports'],
    capabilities: [{ key: 'report_assign', supported: true }],
    ...overrides,
  }
}

export function job(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'j1',
    kind: 'connect',
    state: 'running',
    done: 0,
    total: 0,
    step: '',
    errorKind: '',
    errorDetail: '',
    result: '',
    ...overrides,
  }
}
