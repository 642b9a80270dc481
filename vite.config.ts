import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files (dist/renderer) that Electron loads through its app://
// protocol and the web shell serves on 127.0.0.1. Relative base: no absolute origin baked in.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: false, reportCompressedSize: false },
});
