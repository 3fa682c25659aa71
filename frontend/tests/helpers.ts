import { defineComponent, h, type Component } from 'vue'
import { NConfigProvider, NDialogProvider, NMessageProvider } from 'naive-ui'
import { createAppI18n, type AppLocale } from '../src/i18n'

/** Wraps a component in the providers App.vue gives it. */
export function withProviders(inner: Component) {
  return defineComponent({
    name: 'TestProviders',
    setup() {
      return () =>
        h(NConfigProvider, null, () =>
          h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(inner))),
        )
    },
  })
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
    ...overrides,
  }
}
