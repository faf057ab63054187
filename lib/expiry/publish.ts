import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { logger } from '../log';
import type { ExpiryEvent } from './types';

/** Where expiry events go: EventBridge when deployed, the log locally; tests inject a recording one. */
export interface ExpiryPublisher {
  /** Resolves once the event is accepted; rejects when it was not (the notice is then sent again later). */
  publish(event: ExpiryEvent): Promise<void>;
}

/**
 * Puts each event on an EventBridge bus (name or ARN); a rule on the bus routes it to e-mail or chat.
 *
 * @example
 * const publisher = eventBridgePublisher(new EventBridgeClient({}), 'default');
 */
export const eventBridgePublisher = (client: EventBridgeClient, eventBus: string): ExpiryPublisher => ({
  publish: async (event) => {
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: eventBus,
            Source: event.source,
            DetailType: event.detailType,
            Time: new Date(event.time),
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    // PutEvents answers 200 even when it refused the entry.
    if ((answer.FailedEntryCount ?? 0) > 0) {
      const [entry] = answer.Entries ?? [];
      throw new Error(
        `EventBridge refused the expiry event: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`,
      );
    }
  },
});

/** Writes each event as a JSON log line: what `npm start` and a stage without a bus do. */
export const logPublisher: ExpiryPublisher = {
  publish: async (event) => {
    logger.info('Expiry event', { expiryEvent: event });
  },
};

/** The publisher for a configuration: EventBridge when a bus is configured, the log otherwise. */
export const publisherFor = (eventBus: string | undefined): ExpiryPublisher =>
  eventBus === undefined ? logPublisher : eventBridgePublisher(new EventBridgeClient({}), eventBus);
