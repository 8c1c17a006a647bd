-- PAKN, second part (docs/feedback.md): the procedure an item is classified under (the public Q&A groups by field
-- and procedure), receipt by e-mail and from the national portal, the follow-up task a "Không hài lòng" rating opens
-- for the unit's head (channel 'rating'), and the national portal's own identifier of an
-- imported question so that importing the same page twice creates nothing new.

ALTER TABLE feedback ADD COLUMN procedure_code text;
ALTER TABLE feedback ADD COLUMN external_id text;
ALTER TABLE feedback DROP CONSTRAINT feedback_channel_check;
ALTER TABLE feedback ADD CONSTRAINT feedback_channel_check CHECK (channel IN ('portal', 'counter', 'email', 'national', 'rating'));
CREATE UNIQUE INDEX feedback_external_idx ON feedback (external_id) WHERE external_id IS NOT NULL;
