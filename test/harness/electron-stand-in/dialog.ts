// The stand-in's `dialog` (docs/api/dialog.md): what the app shows is recorded and told to the test.
import { record } from './lifecycle';

export const dialog = {
  /** Safe before 'ready'; blocks in Electron until dismissed, here it is recorded and told to the test. */
  showErrorBox(title: string, content: string) {
    record.dialogs.push({ title, content });
    process.send?.({ event: 'dialog', title, content });
  },
};
