export type BusHandler = (payload: unknown) => void | Promise<void>;
export type Unsubscribe = () => Promise<void>;

/**
 * Live relay across instances (e.g. an SDR typing on instance A, the visitor connected to instance B).
 * Every subscriber of every instance receives each message, the publisher's own instance included.
 * Delivery is asynchronous and best effort (not durable): use the outbox for what must arrive.
 */
export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is active, so a message published afterwards is received. */
  subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe>;
}
