import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { Discard, List, Overwrite, Retry, RetryNow } from '../../wailsjs/go/app/Outbox'
import { app } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { OUTBOX_CHANGED, toQueueError, type QueueError } from './queue'

/** The states the outbox panel shows; done and discarded actions leave it. */
export const OPEN_STATES = ['pending', 'applying', 'failed', 'conflict'] as const
export const OUTBOX_LIMIT = 500

function isOpen(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state)
}

function isActionView(v: unknown): v is app.ActionView {
  return v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' &&
    typeof (v as { state?: unknown }).state === 'string'
}

/** Moderation actions that have not reached the server yet (or could not). */
export const useOutboxStore = defineStore('outbox', () => {
  const items = ref<app.ActionView[]>([])
  const loading = ref(false)
  const error = ref<QueueError | null>(null)
  /** Action ids with a Retry/Discard/Overwrite call in flight. */
  const busy = ref<Record<string, boolean>>({})
  let off: (() => void) | null = null
  let seq = 0

  const pendingCount = computed(() => items.value.filter((a) => a.state === 'pending' || a.state === 'applying').length)
  const failedCount = computed(() => items.value.filter((a) => a.state === 'failed').length)
  const conflictCount = computed(() => items.value.filter((a) => a.state === 'conflict').length)
  const attentionCount = computed(() => failedCount.value + conflictCount.value)

  function upsert(v: app.ActionView) {
    const i = items.value.findIndex((a) => a.id === v.id)
    if (!isOpen(v.state)) {
      if (i >= 0) items.value.splice(i, 1)
      return
    }
    if (i >= 0) items.value.splice(i, 1, v)
    else items.value.unshift(v)
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const list = await List('', [...OPEN_STATES], OUTBOX_LIMIT)
      if (mine !== seq) return
      items.value = Array.isArray(list) ? list.filter((a) => isOpen(a.state)) : []
      error.value = null
    } catch (e) {
      if (mine === seq) error.value = toQueueError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function run(id: string, call: (id: string) => Promise<app.ActionView>): Promise<void> {
    busy.value[id] = true
    try {
      const v = await call(id)
      if (isActionView(v)) upsert(v)
    } catch (e) {
      throw toQueueError(e)
    } finally {
      delete busy.value[id]
    }
  }

  /** Tries a failed action again. Throws a QueueError. */
  const retry = (id: string) => run(id, Retry)
  /** Drops an action (failed, or a conflict where the server's state is kept). Throws a QueueError. */
  const discard = (id: string) => run(id, Discard)
  /** Applies a conflicted action anyway. Throws a QueueError. */
  const overwrite = (id: string) => run(id, Overwrite)

  /** Retries everything that waits for the network now. Throws a QueueError. */
  async function retryNow(): Promise<void> {
    try {
      await RetryNow()
    } catch (e) {
      throw toQueueError(e)
    }
  }

  function subscribe(): void {
    if (off) return
    try {
      const o = EventsOn(OUTBOX_CHANGED, (p: unknown) => {
        if (isActionView(p)) upsert(p)
      })
      off = typeof o === 'function' ? o : () => {}
    } catch {
      // No Wails runtime.
    }
  }

  function unsubscribe(): void {
    if (off) off()
    off = null
  }

  return {
    items,
    loading,
    error,
    busy,
    pendingCount,
    failedCount,
    conflictCount,
    attentionCount,
    load,
    retry,
    discard,
    overwrite,
    retryNow,
    subscribe,
    unsubscribe,
  }
})
