-- The PAKN moderator role (feedback_moderator; docs/feedback.md): only a moderator publishes an answered PAKN, after
-- removing personal data. The role joins the one role list (src/core/workflow/roles.ts).
ALTER TABLE official_memberships DROP CONSTRAINT IF EXISTS official_memberships_role_check;
ALTER TABLE official_memberships ADD CONSTRAINT official_memberships_role_check
  CHECK (role IN ('reception', 'specialist', 'leader', 'clerk', 'unit_admin', 'supervisor', 'system_admin', 'catalogue_admin', 'community_helper', 'feedback_moderator'));
