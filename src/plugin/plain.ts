/**
 * Text from files (skill names, descriptions, plugin messages, command
 * output) without C0/C1 control characters other than newline and tab: a
 * file must not be able to drive the user's terminal (clear it, retitle it,
 * fake output).
 */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
