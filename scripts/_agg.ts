import { aggregateTrend, type TrendFact } from '../src/insights/trend';
const facts: TrendFact[] = Array.from({ length: 100000 }, (_, i) => ({
  uid: `Q${i}`,
  status: i % 3 ? 'answered' : 'pending',
  questionDate: `2022-0${1 + (i % 9)}-1${i % 9}`,
  answerDate: `2023-0${1 + (i % 9)}-1${i % 9}`,
  author: `M. Député Numéro ${i % 600}`,
  group: `Groupe ${i % 12}`,
  ministry: `Ministère de l'Économie ${i % 30}`,
}));
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  aggregateTrend(facts);
  console.log('agg', Math.round(performance.now() - t));
}
