/**
 * Reserved. The `voice` capability and this interface exist so manifests
 * can name them; weft has no voice implementation, and a plugin declaring
 * `voice` is reported and not loaded.
 */
export interface VoiceHandler {
  readonly name: string;
  transcribe(audio: Uint8Array, mimeType: string, signal: AbortSignal): Promise<string>;
  synthesize(text: string, signal: AbortSignal): Promise<{ audio: Uint8Array; mimeType: string }>;
}
