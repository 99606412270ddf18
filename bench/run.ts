// `npm run bench`: prints figures, asserts nothing. BENCH_ONLY=intake,drain,widget picks parts.
import { runIntakeBench } from './intake';
import { runOutboxDrainBench } from './outbox-drain';

const only = new Set((process.env.BENCH_ONLY ?? 'intake,drain,widget').split(','));

if (only.has('intake')) await runIntakeBench();
if (only.has('drain')) await runOutboxDrainBench();
if (only.has('widget')) {
  const { runWidgetLoadBench } = await import('./widget-load');
  await runWidgetLoadBench();
}
