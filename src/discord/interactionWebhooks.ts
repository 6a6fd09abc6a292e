/**
 * The answer after a deferral (edit of the deferred reply, follow-up), sent as discord.js would, but without
 * discord.js's own global limiter.
 *
 * Discord: "Interaction endpoints are not bound to the bot's Global Rate Limit" — the callback and the webhook
 * routes an interaction token opens (@original, follow-ups); per-route limits still apply (bucket per webhook id
 * + token). discord.js (@discordjs/rest 2.x) sends callbacks outside its global limiter (BurstHandler) but queues
 * these webhook routes behind it (SequentialHandler counts every request against its 50/s): after a burst, the
 * 51st edit would wait for the next second although Discord would take it. So these go through a second REST
 * instance with the client's settings minus the global limiter: per-route buckets are still learnt from the
 * headers and honoured, 429s still waited out, and every bot-authenticated route keeps the client's 50/s.
 */
import {
  MessagePayload,
  REST,
  Routes,
  type Client,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';

type Answered = {
  client: Client;
  applicationId: string;
  token: string;
  webhook: ConstructorParameters<typeof MessagePayload>[0];
};

const rests = new WeakMap<Client, REST>();

function restOf(client: Client): REST {
  let rest = rests.get(client);
  if (!rest) {
    rest = new REST({ ...client.rest.options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    rests.set(client, rest);
  }
  return rest;
}

/** PATCH /webhooks/{app}/{token}/messages/@original: the deferred reply (or the component's message) edited. */
export async function editOriginal(i: Answered, options: InteractionEditReplyOptions): Promise<void> {
  const { body, files } = await MessagePayload.create(i.webhook, options).resolveBody().resolveFiles();
  await restOf(i.client).patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), {
    body,
    files: files ?? [],
    auth: false,
  });
}

/** POST /webhooks/{app}/{token}: a follow-up message. */
export async function sendFollowUp(i: Answered, options: InteractionReplyOptions): Promise<void> {
  const { body, files } = await MessagePayload.create(i.webhook, options).resolveBody().resolveFiles();
  await restOf(i.client).post(Routes.webhook(i.applicationId, i.token), { body, files: files ?? [], auth: false });
}
