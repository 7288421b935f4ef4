"""Messages on their way out: composition, the sender, the dispatcher, the alarm."""
