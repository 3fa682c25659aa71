import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

// Compile-time flags of vue-i18n / Vue: Composition API only, no devtools hooks in
// production, and no runtime message compilation through eval (the CSP forbids it).
const define = {
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  __INTLIFY_JIT_COMPILATION__: 'true',
  __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
}

// The Go binary embeds frontend/dist, and the repository keeps an empty
// dist/.gitkeep so a fresh clone compiles before the first build. emptyOutDir
// removes it; emit it again as part of the build output.
const keepGitkeep: Plugin = {
  name: 'steward-keep-gitkeep',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: '.gitkeep', source: '' })
  },
}

export default defineConfig({
  plugins: [vue(), keepGitkeep],
  define,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Never inline assets as data: scripts; keep every script an external file (CSP script-src 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    // A desktop app loads its bundle from disk: one ~750 kB chunk is fine.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./tests/setup.ts'],
    include: ['tests/**/*.test.ts'],
    restoreMocks: true,
  },
})
