/**
 * Deciding whether a sentence is supported by the literature. A cosine means nothing on
 * its own (each model and corpus has its own scale), so the threshold is calibrated on the
 * loaded corpus with control sentences that no medical corpus supports (weather, sport,
 * cooking…, written by the project in both languages): each is scored exactly like a claim
 * (its best evidence sentence), and a claim must beat almost all of them. A claim at or
 * below that level has "no close support", which flags invented content. Telling a wrong
 * dose from the right one on the same topic is the disagreement rules' work (src/core/check).
 */

/** Share of control sentences a supported claim must score above. */
export const CONTROL_QUANTILE = 0.95;

export const CONTROL_SENTENCES: readonly string[] = [
  'The weather forecast says it will rain in the afternoon.',
  'Our football team won the match in extra time.',
  'Add the onions to the pan and fry them until golden.',
  'The train to the airport leaves every fifteen minutes.',
  'Quarterly revenue of the shipping company rose by ten percent.',
  'The museum has opened a new exhibition of modern sculpture.',
  'Please summarise the meeting notes for tomorrow.',
  'The moon has three ancient cities that light up at night.',
  'She planted tulips and daffodils along the garden path.',
  'The new smartphone has a larger screen and a faster processor.',
  'The orchestra will perform a symphony by Beethoven on Friday.',
  'Mountain hikers should carry enough water and a map.',
  'The city council approved the budget for the new library.',
  'Interest rates were left unchanged by the central bank.',
  'The cat slept on the windowsill all afternoon.',
  'Our office will be closed during the national holiday.',
  'The author signed copies of her novel at the bookshop.',
  'Traffic on the motorway was slow because of roadworks.',
  'He repaired the bicycle chain with a small tool.',
  'The recipe needs two eggs, flour and a pinch of salt.',
  '明日の午後は雨が降るという天気予報です。',
  '私たちのサッカーチームは延長戦で勝利した。',
  '玉ねぎをフライパンで黄金色になるまで炒める。',
  '空港行きの電車は十五分おきに出発する。',
  '海運会社の四半期売上は一割増えた。',
  '美術館で現代彫刻の新しい展示が始まった。',
  '明日までに会議の議事録を要約してください。',
  '月の裏側には古代都市が三つあり、満月の夜に灯りがともる。',
  '庭の小道に沿ってチューリップと水仙を植えた。',
  '新しいスマートフォンは画面が大きく処理も速い。',
  '金曜日にオーケストラがベートーヴェンの交響曲を演奏する。',
  '登山者は十分な水と地図を持っていくべきだ。',
  '市議会は新しい図書館の予算を承認した。',
  '中央銀行は政策金利を据え置いた。',
  '猫は午後のあいだずっと窓辺で眠っていた。',
  '祝日のあいだ事務所は休業します。',
  '作家は書店で自分の小説にサインをした。',
  '道路工事のため高速道路は渋滞していた。',
  '株価は先週から大きく上昇した。',
  'このレシピには卵二個と小麦粉、塩少々が必要だ。',
];

export { quantile } from './quantile.ts';
