// `npm run bench`: prints figures, asserts nothing. BENCH_ONLY=intake,drain,vendors,booking,widget,store,scale,picker picks parts.
import { runBookingBench } from './booking';
import { runIntakeBench } from './intake';
import { runOutboxDrainBench } from './outbox-drain';
import { runScaleOutBench } from './scale-out';
import { runStoreBench } from './store';
import { runVendorDrainBench } from './vendor-drain';

const only = new Set(
  (process.env.BENCH_ONLY ?? 'intake,drain,vendors,booking,widget,store,scale,picker').split(','),
);

if (only.has('intake')) await runIntakeBench();
if (only.has('drain')) await runOutboxDrainBench();
if (only.has('vendors')) await runVendorDrainBench();
if (only.has('booking')) await runBookingBench();
if (only.has('store')) await runStoreBench();
if (only.has('scale')) await runScaleOutBench();
if (only.has('widget')) {
  const { runWidgetLoadBench } = await import('./widget-load');
  await runWidgetLoadBench();
}
if (only.has('picker')) {
  const { runSlotPickerBench } = await import('./slot-picker');
  await runSlotPickerBench();
}
