-- CreateTable
CREATE TABLE "revocation_announcements" (
    "session_id" UUID NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revocation_announcements_pkey" PRIMARY KEY ("session_id")
);

-- CreateIndex
CREATE INDEX "revocation_announcements_until_idx" ON "revocation_announcements"("until");
