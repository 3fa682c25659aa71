import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../src/locales/queue.en.json'
import de from '../src/locales/queue.de.json'
import fr from '../src/locales/queue.fr.json'
import { QUEUE_DETAILS } from '../src/stores/queue'
import { KEY_BINDINGS } from '../src/keyboard'

type Tree = { [k: string]: string | Tree }
const keys = (t: Tree, p = ''): string[] => Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v, `${p}${k}.`)))
const locales = { en, de, fr } as Record<string, Tree>

describe('queue and journal locales', () => {
  it('only use the top-level keys queue and journal', () => {
    for (const l of Object.values(locales)) expect(Object.keys(l).sort()).toEqual(['journal', 'queue'])
  })
  it.each(['de', 'fr'])('%s has exactly the keys of en', (l) => {
    expect(keys(locales[l]).sort()).toEqual(keys(en).sort())
  })
  it('has a message for every queue error detail and key binding', () => {
    for (const d of QUEUE_DETAILS) expect(keys(en)).toContain(`queue.errors.${d}`)
    for (const b of KEY_BINDINGS) expect(keys(en)).toContain(`queue.keys.${b.command}`)
  })
  it.each(['en', 'de', 'fr'])('every %s message compiles and renders', (l) => {
    const i18n = createI18n({ legacy: false, locale: l, messages: { [l]: locales[l] } })
    for (const k of keys(locales[l])) {
      const out = i18n.global.t(k, { n: 2, acct: 'a', id: '1', reporter: 'r', domain: 'd', who: 'w', when: 'x', text: 't', action: 'A', server: 'S', undo: 'u', done: 1, total: 2, by: 'b', at: 'x', path: '/p', groups: 3, reports: 'R', pending: 1, failed: 1, key: 'k' })
      expect(out, `${l}:${k}`).not.toBe(k)
      expect(out, `${l}:${k}`).not.toMatch(/[{}]/)
      expect(out.trim(), `${l}:${k}`).not.toBe('')
    }
  })
})
