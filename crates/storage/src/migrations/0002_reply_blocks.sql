-- What an answer holds besides its text, as JSON arrays, written when the run ends: the tool
-- calls the model made, and its reasoning blocks (text with signature, or redacted bytes as
-- base64) to send back unchanged when the conversation continues.
ALTER TABLE runs ADD COLUMN tool_calls_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE runs ADD COLUMN reasoning_json TEXT NOT NULL DEFAULT '[]';
