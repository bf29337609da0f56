/*
 * Synthetic clinical notes for the PHI demo project (written for Concord; every person, place,
 * number and date is invented; phone numbers are in the fictional 555-01xx range). They are
 * imported like real notes: de-identified on import, originals sealed in the vault.
 */
export const DEMO_CLINICAL_NOTES: readonly {
  text: string;
  meta: { patient_id: string; patient_name: string; mrn: string };
}[] = [
  {
    text: 'NURSING NOTE 0700-1900. PT IS A 67 Y/O M ADMITTED 03/14/2024 WITH CHF EXACERBATION. DENIES CHEST PAIN. HX OF MI IN 2015. STARTED ON LASIX 40MG IV WITH GOOD RESPONSE. WIFE MARGARET THORNTON UPDATED BY PHONE AT 617-555-0142. PLAN: ECHO TOMORROW, ?TRANSFER TO FLOOR 03/16.',
    meta: { patient_id: 'P-1001', patient_name: 'Walter Thornton', mrn: '4471023' },
  },
  {
    text: 'Pt Walter Thornton seen 03/15/2024 for follow-up. Pain 5/10 in left knee, no swelling. BP 132/84. No fever, cough resolved. Continue metoprolol 25 mg BID. Lives in Quincy with his wife; daughter Rose visits daily. Next visit 04/12/2024 with Dr. Bowman.',
    meta: { patient_id: 'P-1001', patient_name: 'Walter Thornton', mrn: '4471023' },
  },
  {
    text: 'ADMISSION NOTE: PT IS A 92 Y/O WOMAN FROM OAKHAVEN MANOR NURSING HOME, BROUGHT IN 02/14/2024 WITH FEVER TO 102 AND DYSURIA. UA POSITIVE, STARTED ON CEFTRIAXONE. NO RASH. DENIES SHORTNESS OF BREATH. SON WILL DUNNIGAN (HCP) AT 781-555-0199 X221.',
    meta: { patient_id: 'P-1002', patient_name: 'Edna Dunnigan', mrn: '5520981' },
  },
  {
    text: "Phone call 02/16/2024: spoke with Mrs. Dunnigan's son, who reports she is eating better. Denies vomiting. Cough improved. Hx of hypertension and atrial fibrillation, on apixaban. Told to call the clinic at 617-555-0117 if fever returns. MRN 5520981.",
    meta: { patient_id: 'P-1002', patient_name: 'Edna Dunnigan', mrn: '5520981' },
  },
  {
    text: 'Discharge summary. Mr. Arturo Benitez, 54, admitted 11/02/2023 after a fall at home on Elm Street, Worcester. CT head negative for bleed. Left wrist fracture, treated with closed reduction and splint. No loss of consciousness. Discharged 11/04/2023 on acetaminophen; PT/OT referral. Contact: arturo.benitez@example.com.',
    meta: { patient_id: 'P-1003', patient_name: 'Arturo Benitez', mrn: '6019344' },
  },
  {
    text: 'RESP: ON 2-3 L NC, SATS 94-97%. CXR SHOWS NO INFILTRATE. NO WHEEZING. HX OF ASTHMA AS A CHILD. GIVEN ALBUTEROL NEB X1 FOR SOB WITH RELIEF. CBC AND BMP SENT, WBC 12. RN J. KWIATEK, PAGER 55123.',
    meta: { patient_id: 'P-1003', patient_name: 'Arturo Benitez', mrn: '6019344' },
  },
];
