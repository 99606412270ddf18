// `npm run bench`: prints figures, asserts nothing. BENCH_ONLY=intake,drain,vendors,booking,widget,picker picks parts.
import { runBookingBench } from './booking';
import { runIntakeBench } from './intake';
import { runOutboxDrainBench } from './outbox-drain';
import { runVendorDrainBench } from './vendor-drain';

const only = new Set((process.env.BENCH_ONLY ?? 'intake,drain,vendors,booking,widget,picker').split(','));

if (only.has('intake')) await runIntakeBench();
if (only.has('drain')) await runOutboxDrainBench();
if (only.has('vendors')) await runVendorDrainBench();
if (only.has('booking')) await runBookingBench();
if (only.has('widget')) {
  const { runWidgetLoadBench } = await import('./widget-load');
  await runWidgetLoadBench();
}
if (only.has('picker')) {
  const { runSlotPickerBench } = await import('./slot-picker');
  await runSlotPickerBench();
}
