-- CreateEnum
CREATE TYPE "DutyStatus" AS ENUM ('pending', 'submitted');

-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('reserved', 'sent', 'skipped');

-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('reinspection', 'interview');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('open', 'done', 'cancelled');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "escalationGraceDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "followUpDueDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "overdueRepeatDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "reminderOffsetsDays" INTEGER[] DEFAULT ARRAY[7, 3, 1]::INTEGER[];

-- AlterTable
ALTER TABLE "Hazard" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "overdueSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "listedSupervision" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UnitDuty" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "deadlineId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "DutyStatus" NOT NULL DEFAULT 'pending',
    "submittedAt" TIMESTAMP(3),
    "overdueSince" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "UnitDuty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutySubmission" (
    "id" TEXT NOT NULL,
    "dutyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "statistics" JSONB,
    "reason" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DutySubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "unitId" TEXT,
    "recipients" TEXT[],
    "cc" TEXT[],
    "subject" TEXT NOT NULL,
    "status" "ReminderStatus" NOT NULL DEFAULT 'reserved',
    "reservedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpTask" (
    "id" TEXT NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "campaignId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "hazardId" TEXT,
    "spotCheckIds" TEXT[],
    "reason" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "overdueSince" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closingNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitDuty_unitId_status_idx" ON "UnitDuty"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "UnitDuty_campaignId_unitId_deadlineId_key" ON "UnitDuty"("campaignId", "unitId", "deadlineId");

-- CreateIndex
CREATE UNIQUE INDEX "DutySubmission_dutyId_version_key" ON "DutySubmission"("dutyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_key_key" ON "Reminder"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_messageId_key" ON "Reminder"("messageId");

-- CreateIndex
CREATE INDEX "Reminder_subjectType_subjectId_idx" ON "Reminder"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpTask_openKey_key" ON "FollowUpTask"("openKey");

-- CreateIndex
CREATE INDEX "FollowUpTask_unitId_status_idx" ON "FollowUpTask"("unitId", "status");

-- AddForeignKey
ALTER TABLE "UnitDuty" ADD CONSTRAINT "UnitDuty_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitDuty" ADD CONSTRAINT "UnitDuty_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitDuty" ADD CONSTRAINT "UnitDuty_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "CampaignDeadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutySubmission" ADD CONSTRAINT "DutySubmission_dutyId_fkey" FOREIGN KEY ("dutyId") REFERENCES "UnitDuty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

