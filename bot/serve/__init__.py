"""The bot as a process: polling and webhook runners, health, doctor."""
