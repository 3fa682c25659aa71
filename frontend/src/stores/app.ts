import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { Info, Mark } from '../../wailsjs/go/app/About'
import { app } from '../../wailsjs/go/models'
import { BrowserOpenURL } from '../../wailsjs/runtime/runtime'
import { toAppError, type AppError } from '../errors'
import { isSafeHref } from '../sanitize'

export const useAppStore = defineStore('app', () => {
  const info = ref<app.AppInfo | null>(null)
  const error = ref<AppError | null>(null)
  const loading = ref(false)

  const isDemo = computed(() => info.value?.demo === true)

  async function load(): Promise<void> {
    loading.value = true
    try {
      info.value = await Info()
      error.value = null
    } catch (e) {
      error.value = toAppError(e)
    } finally {
      loading.value = false
    }
  }

  /** Opens an http(s)/mailto URL in the system browser; anything else is ignored. */
  function openExternal(url: string): boolean {
    if (!isSafeHref(url)) return false
    try {
      BrowserOpenURL(url)
      return true
    } catch {
      return false // no Wails runtime (plain browser during development)
    }
  }

  // Start-up milestones for the benchmarks (bench/startup.sh), sent once each.
  const marked = new Set<string>()
  function mark(name: string): void {
    if (marked.has(name)) return
    marked.add(name)
    try {
      void Mark(name).catch(() => {})
    } catch {
      // no Wails runtime
    }
  }

  /** Set when Steward runs on an empty temporary state because its saved data could not be opened. */
  const startupError = computed<AppError | null>(() =>
    info.value?.startupErrorKind ? { kind: info.value.startupErrorKind, detail: info.value.startupErrorDetail } as AppError : null,
  )

  return { info, error, loading, isDemo, startupError, load, openExternal, mark }
})
