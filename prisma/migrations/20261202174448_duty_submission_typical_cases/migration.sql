-- AlterTable
ALTER TABLE "DutySubmission" ADD COLUMN     "noTypicalCases" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "typicalCases" JSONB NOT NULL DEFAULT '[]';

