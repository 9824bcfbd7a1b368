export * from './person-intake.dto';
