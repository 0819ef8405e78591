/**
 * Japanese ↔ English medical terms: public facts of medical vocabulary (the standard
 * Japanese names of diseases, organs, drugs and tests), written for this project. They let
 * a Japanese question find English literature and the reverse (term-translation.ts), where
 * the corpus-trained embedding cannot: it never sees the two languages side by side.
 *
 * Each entry: Japanese, then English (lower case; several words allowed). Keep entries
 * unambiguous: a term that means different things in medicine does not belong here
 * (運動 is exercise and motor, as in 運動ニューロン), nor words so common in medical text
 * that they find nothing (患者, 治療, 検査).
 *
 * The output check has its own bilingual list (src/core/check/lexicon.ts): concepts whose
 * forms count as one thing for a claim (synonyms, class members), not translations; why the
 * two stay apart is written there.
 */
export const BILINGUAL_MEDICAL_TERMS: readonly (readonly [string, string])[] = [
  // diseases and conditions
  ['糖尿病', 'diabetes'], ['高血圧', 'hypertension'], ['低血圧', 'hypotension'], ['脂質異常症', 'dyslipidemia'],
  ['高脂血症', 'hyperlipidemia'], ['肥満', 'obesity'], ['肺炎', 'pneumonia'], ['気管支喘息', 'asthma'], ['喘息', 'asthma'],
  ['慢性閉塞性肺疾患', 'chronic obstructive pulmonary disease'], ['肺気腫', 'emphysema'], ['結核', 'tuberculosis'],
  ['敗血症', 'sepsis'], ['心不全', 'heart failure'], ['心筋梗塞', 'myocardial infarction'], ['狭心症', 'angina'],
  ['心房細動', 'atrial fibrillation'], ['不整脈', 'arrhythmia'], ['脳卒中', 'stroke'], ['脳梗塞', 'cerebral infarction'],
  ['くも膜下出血', 'subarachnoid hemorrhage'], ['認知症', 'dementia'], ['アルツハイマー病', 'alzheimer disease'],
  ['パーキンソン病', 'parkinson disease'], ['てんかん', 'epilepsy'], ['片頭痛', 'migraine'], ['髄膜炎', 'meningitis'],
  ['うつ病', 'depression'], ['統合失調症', 'schizophrenia'], ['双極性障害', 'bipolar disorder'], ['不安障害', 'anxiety disorder'],
  ['貧血', 'anemia'], ['白血病', 'leukemia'], ['リンパ腫', 'lymphoma'], ['骨髄腫', 'myeloma'], ['血友病', 'hemophilia'],
  ['鎌状赤血球症', 'sickle cell disease'], ['サラセミア', 'thalassemia'], ['血栓症', 'thrombosis'], ['塞栓症', 'embolism'],
  ['肺塞栓症', 'pulmonary embolism'], ['深部静脈血栓症', 'deep vein thrombosis'], ['動脈硬化', 'atherosclerosis'],
  ['大動脈瘤', 'aortic aneurysm'], ['癌', 'cancer'], ['がん', 'cancer'], ['腫瘍', 'tumor'], ['肺癌', 'lung cancer'],
  ['乳癌', 'breast cancer'], ['胃癌', 'gastric cancer'], ['大腸癌', 'colorectal cancer'], ['結腸癌', 'colon cancer'],
  ['肝細胞癌', 'hepatocellular carcinoma'], ['膵癌', 'pancreatic cancer'], ['前立腺癌', 'prostate cancer'],
  ['子宮頸癌', 'cervical cancer'], ['卵巣癌', 'ovarian cancer'], ['黒色腫', 'melanoma'], ['転移', 'metastasis'],
  ['肝炎', 'hepatitis'], ['肝硬変', 'cirrhosis'], ['膵炎', 'pancreatitis'], ['胆石', 'gallstones'], ['虫垂炎', 'appendicitis'],
  ['胃潰瘍', 'gastric ulcer'], ['潰瘍性大腸炎', 'ulcerative colitis'], ['クローン病', 'crohn disease'], ['下痢', 'diarrhea'],
  ['便秘', 'constipation'], ['嘔吐', 'vomiting'], ['悪心', 'nausea'], ['腎不全', 'renal failure'], ['慢性腎臓病', 'chronic kidney disease'],
  ['腎結石', 'kidney stones'], ['腎機能', 'kidney function'], ['肝機能', 'liver function'], ['尿路感染症', 'urinary tract infection'], ['糸球体腎炎', 'glomerulonephritis'],
  ['ネフローゼ症候群', 'nephrotic syndrome'], ['関節リウマチ', 'rheumatoid arthritis'], ['変形性関節症', 'osteoarthritis'],
  ['骨粗鬆症', 'osteoporosis'], ['痛風', 'gout'], ['全身性エリテマトーデス', 'systemic lupus erythematosus'],
  ['骨折', 'fracture'], ['甲状腺機能亢進症', 'hyperthyroidism'], ['甲状腺機能低下症', 'hypothyroidism'],
  ['クッシング症候群', 'cushing syndrome'], ['アジソン病', 'addison disease'], ['低血糖', 'hypoglycemia'], ['高血糖', 'hyperglycemia'],
  ['ケトアシドーシス', 'ketoacidosis'], ['アナフィラキシー', 'anaphylaxis'], ['アレルギー', 'allergy'], ['感染症', 'infection'],
  ['インフルエンザ', 'influenza'], ['麻疹', 'measles'], ['風疹', 'rubella'], ['水痘', 'varicella'], ['帯状疱疹', 'herpes zoster'],
  ['マラリア', 'malaria'], ['梅毒', 'syphilis'], ['エイズ', 'aids'], ['ダウン症候群', 'down syndrome'],
  ['嚢胞性線維症', 'cystic fibrosis'], ['筋ジストロフィー', 'muscular dystrophy'], ['ハンチントン病', 'huntington disease'],
  ['多発性硬化症', 'multiple sclerosis'], ['重症筋無力症', 'myasthenia gravis'], ['脱水', 'dehydration'], ['浮腫', 'edema'],
  ['発熱', 'fever'], ['頭痛', 'headache'], ['胸痛', 'chest pain'], ['腹痛', 'abdominal pain'], ['呼吸困難', 'dyspnea'],
  ['咳嗽', 'cough'], ['黄疸', 'jaundice'], ['失神', 'syncope'], ['ショック', 'shock'], ['妊娠', 'pregnancy'], ['不妊', 'infertility'],
  ['早産', 'preterm birth'], ['妊娠高血圧腎症', 'preeclampsia'], ['褥瘡', 'pressure ulcer'], ['熱傷', 'burn'], ['外傷', 'trauma'],
  // organs and anatomy
  ['心臓', 'heart'], ['肺', 'lung'], ['肝臓', 'liver'], ['腎臓', 'kidney'], ['膵臓', 'pancreas'], ['脾臓', 'spleen'],
  ['胃', 'stomach'], ['小腸', 'small intestine'], ['大腸', 'colon'], ['食道', 'esophagus'], ['胆嚢', 'gallbladder'],
  ['膀胱', 'bladder'], ['尿管', 'ureter'], ['尿道', 'urethra'], ['子宮', 'uterus'], ['卵巣', 'ovary'], ['前立腺', 'prostate'],
  ['甲状腺', 'thyroid'], ['副腎', 'adrenal'], ['下垂体', 'pituitary'], ['視床下部', 'hypothalamus'], ['脳', 'brain'],
  ['脊髄', 'spinal cord'], ['小脳', 'cerebellum'], ['神経', 'nerve'], ['筋肉', 'muscle'], ['骨', 'bone'], ['関節', 'joint'],
  ['皮膚', 'skin'], ['血管', 'blood vessel'], ['動脈', 'artery'], ['静脈', 'vein'], ['毛細血管', 'capillary'], ['大動脈', 'aorta'],
  ['気管', 'trachea'], ['気管支', 'bronchus'], ['肺胞', 'alveoli'], ['横隔膜', 'diaphragm'], ['網膜', 'retina'], ['角膜', 'cornea'],
  ['リンパ節', 'lymph node'], ['骨髄', 'bone marrow'], ['胸腺', 'thymus'], ['心室', 'ventricle'], ['心房', 'atrium'],
  ['僧帽弁', 'mitral valve'], ['大動脈弁', 'aortic valve'], ['ネフロン', 'nephron'], ['糸球体', 'glomerulus'],
  // cells, molecules, physiology
  ['細胞', 'cell'], ['赤血球', 'red blood cell'], ['白血球', 'white blood cell'], ['血小板', 'platelet'], ['好中球', 'neutrophil'],
  ['リンパ球', 'lymphocyte'], ['マクロファージ', 'macrophage'], ['抗体', 'antibody'], ['抗原', 'antigen'], ['免疫', 'immunity'],
  ['ワクチン', 'vaccine'], ['ウイルス', 'virus'], ['細菌', 'bacteria'], ['真菌', 'fungus'], ['寄生虫', 'parasite'],
  ['遺伝子', 'gene'], ['染色体', 'chromosome'], ['突然変異', 'mutation'], ['タンパク質', 'protein'], ['酵素', 'enzyme'],
  ['ホルモン', 'hormone'], ['インスリン', 'insulin'], ['グルコース', 'glucose'], ['血糖', 'blood glucose'], ['コレステロール', 'cholesterol'],
  ['ヘモグロビン', 'hemoglobin'], ['ミトコンドリア', 'mitochondria'], ['リボソーム', 'ribosome'], ['核酸', 'nucleic acid'],
  ['アミノ酸', 'amino acid'], ['脂肪酸', 'fatty acid'], ['ビタミン', 'vitamin'], ['カルシウム', 'calcium'], ['カリウム', 'potassium'],
  ['ナトリウム', 'sodium'], ['鉄', 'iron'], ['酸素', 'oxygen'], ['二酸化炭素', 'carbon dioxide'], ['血圧', 'blood pressure'],
  ['心拍数', 'heart rate'], ['体温', 'body temperature'], ['呼吸', 'respiration'], ['代謝', 'metabolism'], ['減数分裂', 'meiosis'],
  ['有糸分裂', 'mitosis'], ['光合成', 'photosynthesis'], ['神経伝達物質', 'neurotransmitter'], ['アセチルコリン', 'acetylcholine'],
  ['ドーパミン', 'dopamine'], ['セロトニン', 'serotonin'], ['アドレナリン', 'adrenaline'], ['ノルアドレナリン', 'noradrenaline'],
  ['コルチゾール', 'cortisol'], ['エストロゲン', 'estrogen'], ['テストステロン', 'testosterone'], ['甲状腺ホルモン', 'thyroid hormone'],
  // drugs and treatment
  ['抗菌薬', 'antibiotics'], ['抗生物質', 'antibiotics'], ['抗ウイルス薬', 'antiviral'], ['抗凝固薬', 'anticoagulant'],
  ['ワルファリン', 'warfarin'], ['ヘパリン', 'heparin'], ['アスピリン', 'aspirin'], ['メトホルミン', 'metformin'],
  ['スタチン', 'statin'], ['利尿薬', 'diuretic'], ['降圧薬', 'antihypertensive'], ['ステロイド', 'steroid'],
  ['副腎皮質ステロイド', 'corticosteroid'], ['抗がん剤', 'chemotherapy'], ['化学療法', 'chemotherapy'], ['放射線療法', 'radiotherapy'],
  ['免疫療法', 'immunotherapy'], ['阻害薬', 'inhibitor'], ['鎮痛薬', 'analgesic'], ['麻酔', 'anesthesia'], ['手術', 'surgery'],
  ['輸血', 'transfusion'], ['移植', 'transplantation'], ['透析', 'dialysis'], ['人工呼吸', 'mechanical ventilation'],
  ['ペニシリン', 'penicillin'], ['モルヒネ', 'morphine'], ['オピオイド', 'opioid'], ['抗うつ薬', 'antidepressant'],
  ['副作用', 'adverse effect'], ['有害事象', 'adverse event'], ['投与量', 'dose'], ['禁忌', 'contraindication'],
  // tests and care
  ['予防', 'prevention'], ['予後', 'prognosis'], 
  ['血液検査', 'blood test'], ['尿検査', 'urinalysis'], ['生検', 'biopsy'], ['心電図', 'electrocardiogram'],
  ['超音波', 'ultrasound'], ['内視鏡', 'endoscopy'], ['磁気共鳴画像', 'magnetic resonance imaging'], ['胸部X線', 'chest x-ray'],
  ['小児', 'children'], ['高齢者', 'elderly'], ['新生児', 'newborn'], ['看護', 'nursing'],
  ['臨床試験', 'clinical trial'], ['無作為化', 'randomized'], ['有病率', 'prevalence'], ['発生率', 'incidence'], ['死亡率', 'mortality'],
  ['感度', 'sensitivity'], ['特異度', 'specificity'], ['喫煙', 'smoking'], ['飲酒', 'alcohol'], ['栄養', 'nutrition'],
];
