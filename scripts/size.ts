/**
 * `npm run size`: prints min / gzip / brotli per artefact and exits 1 when leadkit.js, or the
 * form alone imported from the ESM build, is over its 40 KB gzip budget.
 */
import { formatSizeTable, getOverBudget, measureArtefacts } from './artefact-sizes';

const sizes = await measureArtefacts();
console.log(formatSizeTable(sizes));
const over = getOverBudget(sizes);
if (over.length > 0) {
  console.error(`\nOver the gzip budget: ${over.map((size) => size.name).join(', ')}`);
  process.exitCode = 1;
}
