/** A chat message crossing a channel boundary (Telegram, Discord, Slack…). */
export interface ChannelMessage {
  channel: string;
  /** The conversation (chat, thread) the message belongs to. */
  conversationId: string;
  senderId: string;
  text: string;
  receivedAt: Date;
}

export type ChannelMessageHandler = (message: ChannelMessage) => Promise<void>;

/** One chat service behind the PluginHost; started and stopped concurrently. */
export interface ChannelAdapter {
  readonly name: string;
  start(onMessage: ChannelMessageHandler, signal: AbortSignal): Promise<void>;
  send(conversationId: string, text: string): Promise<void>;
  stop(): Promise<void>;
}
