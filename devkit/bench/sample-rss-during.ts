import type { BotProcess } from './spawn-bot.js';

const RSS_SAMPLE_MS = 50;

/** Runs `work` while sampling the bot's VmRSS every 50 ms; returns its result and the highest sample (undefined off Linux). */
export async function sampleRssDuring<T>(
  bot: BotProcess,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number | undefined }> {
  let peakMb = bot.rssMb();
  const sampler = setInterval(() => {
    const now = bot.rssMb();
    if (now !== undefined) peakMb = Math.max(peakMb ?? 0, now);
  }, RSS_SAMPLE_MS);
  try {
    const result = await work();
    return { result, peakMb };
  } finally {
    clearInterval(sampler);
  }
}
